package dev.sheepop.common;

/**
 * A failure the user can act on: bad input, a missing file, an invalid setting. Its message is one line
 * that names the file or field and says what is wrong; the CLI prints it without a stack trace (exit 1)
 * and the workbench shows it in a notification.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.sheepop.generate;

/**
 * One generation's outcome.
 *
 * @param text                   the generated text (without the prompt, without a matched stop string)
 * @param tokens                 the generated token ids (including those of a matched stop string, not EOS)
 * @param stopReason             why it ended
 * @param promptTokens           tokens of the prompt as the model saw it (after the window rule)
 * @param cachedPromptTokens     of those, how many came from the prompt cache instead of the prefill
 * @param prefillSeconds         time of the prompt prefill
 * @param decodeSeconds          time of producing the new tokens (sampling, steps and window re-prefills)
 * @param tokensPerSecond        new tokens / decodeSeconds
 * @param prefillTokensPerSecond prefilled prompt tokens / prefillSeconds (0 when nothing was prefilled)
 */
public record GenerationResult(String text, int[] tokens, StopReason stopReason, int promptTokens,
                               int cachedPromptTokens, double prefillSeconds, double decodeSeconds,
                               double tokensPerSecond, double prefillTokensPerSecond) {
}

package dev.sheepop.app.playground;

import dev.sheepop.generate.TokenChoice;
import dev.sheepop.insight.CorpusIndex;
import dev.sheepop.tokenizer.TokenizerLab;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.scene.control.Tooltip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A prompt and its continuation as rich text: the prompt in its own style, each generated token coloured by the
 * probability it was drawn with (hover for its five likeliest alternatives), spans copied from the corpus on a marked
 * background, and a mouse selection that Ctrl+C copies. Text nodes in a {@link TextFlow}; the backgrounds are the
 * flow's own range shapes, drawn behind it.
 */
public final class AnnotatedText extends Region {
    /** Probability bands, likeliest first: a token's style class is {@code prob-<band>}. */
    static final double[] BANDS = {0.8, 0.5, 0.2, 0.05, 0};
    private final TextFlow flow = new TextFlow();
    private final Group backgrounds = new Group();
    private final Tooltip tip = new Tooltip();
    private final StringProperty placeholder = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper selection = new ReadOnlyStringWrapper("");
    private Transcript.Content content = Transcript.Content.EMPTY;
    private boolean colorize;
    private int anchor = -1;
    private int selStart;
    private int selEnd;
    private boolean shapesDirty = true;
    private double shapesWidth = -1;
    private Transcript.Piece hovered;

    public AnnotatedText() {
        getStyleClass().add("annotated-text");
        setPadding(new Insets(6));
        backgrounds.setManaged(false);
        flow.getStyleClass().add("annotated-flow");
        getChildren().addAll(backgrounds, flow);
        setFocusTraversable(true);
        tip.getStyleClass().add("token-tip");
        placeholder.addListener((o, a, b) -> rebuild());
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            if (e.isPrimaryButtonDown()) {
                anchor = indexAt(e.getX(), e.getY());
                select(anchor, anchor);
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (anchor >= 0) {
                int at = indexAt(e.getX(), e.getY());
                select(Math.min(anchor, at), Math.max(anchor, at));
            }
        });
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY(), e.getScreenX(), e.getScreenY()));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hideTip());
        setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                copy();
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.A) {
                select(0, content.fullText().length());
                e.consume();
            }
        });
    }

    /** Shows {@code c}; {@code colorByProbability}: tokens coloured by their odds. */
    public void show(Transcript.Content c, boolean colorByProbability) {
        content = c;
        colorize = colorByProbability;
        selStart = selEnd = 0;
        selection.set("");
        hideTip();
        rebuild();
    }

    private void rebuild() {
        var nodes = new ArrayList<Text>();
        if (content.fullText().isEmpty()) {
            nodes.add(styled(placeholder.get(), "placeholder-text"));
        } else {
            if (!content.prompt().isEmpty()) {
                nodes.add(styled(content.prompt(), "prompt-text"));
            }
            int pos = 0;
            for (var p : content.pieces()) {
                if (p.start() > pos) {
                    nodes.add(styled(content.text().substring(pos, p.start()), "continuation"));
                }
                var t = styled(content.text().substring(p.start(), p.end()), "continuation");
                if (colorize) {
                    t.getStyleClass().add("prob-" + band(p.token().probability()));
                }
                nodes.add(t);
                pos = p.end();
            }
            if (pos < content.text().length()) {
                nodes.add(styled(content.text().substring(pos), "continuation"));
            }
        }
        flow.getChildren().setAll(nodes);
        shapesDirty = true;
        requestLayout();
    }

    private static Text styled(String text, String styleClass) {
        var t = new Text(text);
        t.getStyleClass().add(styleClass);
        return t;
    }

    /** The band (1 = likeliest) of a probability. */
    static int band(double p) {
        for (int i = 0; i < BANDS.length; i++) {
            if (p >= BANDS[i]) {
                return i + 1;
            }
        }
        return BANDS.length;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 200;
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        double w = width < 0 ? 400 : width - in.getLeft() - in.getRight();
        return in.getTop() + flow.prefHeight(w) + in.getBottom();
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double w = Math.max(0, getWidth() - in.getLeft() - in.getRight());
        flow.resizeRelocate(in.getLeft(), in.getTop(), w, flow.prefHeight(w));
        backgrounds.setLayoutX(in.getLeft());
        backgrounds.setLayoutY(in.getTop());
        if (shapesDirty || w != shapesWidth) {
            flow.layout();
            drawBackgrounds();
            shapesDirty = false;
            shapesWidth = w;
        }
    }

    private void drawBackgrounds() {
        var shapes = new ArrayList<Path>();
        int offset = content.prompt().length();
        CorpusIndex.Copying copying = content.copying();
        if (copying != null) {
            for (var span : copying.spans()) {
                shapes.add(path(offset + span.start(), offset + span.start() + span.length(), "copied-span"));
            }
        }
        if (selEnd > selStart) {
            shapes.add(path(selStart, selEnd, "selection-range"));
        }
        backgrounds.getChildren().setAll(shapes);
    }

    private Path path(int start, int end, String styleClass) {
        PathElement[] elements = flow.rangeShape(start, end);
        var path = new Path(elements);
        path.getStyleClass().add(styleClass);
        return path;
    }

    private int indexAt(double x, double y) {
        if (content.fullText().isEmpty()) {
            return 0;
        }
        var hit = flow.hitTest(new Point2D(x - flow.getLayoutX(), y - flow.getLayoutY()));
        return Math.max(0, Math.min(content.fullText().length(), hit.getInsertionIndex()));
    }

    private void select(int start, int end) {
        selStart = start;
        selEnd = end;
        selection.set(content.fullText().substring(start, end));
        shapesDirty = true;
        requestLayout();
    }

    private void hover(double x, double y, double screenX, double screenY) {
        Transcript.Piece piece = null;
        if (!content.pieces().isEmpty()) {
            var hit = flow.hitTest(new Point2D(x - flow.getLayoutX(), y - flow.getLayoutY()));
            int i = hit.getCharIndex() - content.prompt().length();
            piece = i >= 0 ? content.pieceAt(i) : null;
        }
        if (piece == null) {
            hideTip();
            return;
        }
        if (piece != hovered) {
            hovered = piece;
            tip.setText(describe(piece.token()));
        }
        if (!tip.isShowing() && getScene() != null) {
            tip.show(this, screenX + 14, screenY + 18);
        }
    }

    private void hideTip() {
        hovered = null;
        tip.hide();
    }

    /** What hovering a token shows: its odds, then the five likeliest tokens (as drawn, and the model's own). */
    public static String describe(TokenChoice t) {
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "“%s”  drawn with %s (model: %s)%n%nLikeliest here (drawn · model):",
                TokenizerLab.visible(t.text()), percent(t.probability()), percent(t.rawProbability())));
        for (var a : t.alternatives()) {
            sb.append(String.format(Locale.ROOT, "%n  %-14s %7s · %s%s", "“" + TokenizerLab.visible(a.tokenText()) + "”",
                    percent(a.probability()), percent(a.rawProbability()), a.id() == t.id() ? "  ◀" : ""));
        }
        return sb.toString();
    }

    static String percent(double p) {
        return p > 0 && p < 0.001 ? "<0.1%" : String.format(Locale.ROOT, "%.1f%%", p * 100);
    }

    /** Copies the selection, or everything when nothing is selected. */
    public void copy() {
        String text = selection.get().isEmpty() ? content.fullText() : selection.get();
        var clip = new ClipboardContent();
        clip.putString(text);
        Clipboard.getSystemClipboard().setContent(clip);
    }

    /** The selected text ("" when none). */
    public ReadOnlyStringProperty selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    /** Shown (greyed) while there is no text. */
    public StringProperty placeholderProperty() {
        return placeholder;
    }

    /** The text nodes, in order (for tests: the prompt's, then one per token once generation ended). */
    List<Text> textNodes() {
        return flow.getChildren().stream().map(Text.class::cast).toList();
    }

    /** The tooltip hovering shows (for tests). */
    Tooltip tooltip() {
        return tip;
    }

    /** The copied spans and the selection, as drawn (for tests). */
    List<Path> backgroundShapes() {
        return backgrounds.getChildren().stream().map(Path.class::cast).toList();
    }
}

package io.wireingest.core.pipeline;

/**
 * Thrown inside stages and readers to refuse an item; the pipeline turns it into a {@link Rejection}. Never escapes
 * {@link IngestPipeline#process}.
 */
public final class RejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Rejection rejection;

    public RejectedException(StageName stage, String reason, String detail) {
        this(stage, reason, detail, null);
    }

    public RejectedException(StageName stage, String reason, String detail, Throwable cause) {
        super(stage.id() + ": " + reason + ": " + detail, cause);
        this.rejection = new Rejection(
                stage, reason, detail, cause == null ? null : cause.getClass().getName());
    }

    public Rejection rejection() {
        return rejection;
    }
}

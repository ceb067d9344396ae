package org.vfscope.app.scenario;

/**
 * A scenario file that cannot be used: missing, unreadable, not JSON, or not a valid scenario.
 * The message is the one line the user sees, starting with the file name and naming the step and
 * field at fault, e.g. {@code s.json: step 3: "length" must be a non-negative integer}.
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}

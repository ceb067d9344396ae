package org.vfscope.app.workbench.task;

import java.util.concurrent.Executor;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One piece of background work as the status bar lists it: a title, progress (-1 while it cannot
 * be measured), a message, and a way to ask it to stop. Properties change on the FX executor.
 */
public final class BackgroundTask {

    /** What the work sees of its task: report progress and check for cancellation. */
    public interface Progress {
        void update(long done, long total);

        void message(String message);

        boolean isCancelled();
    }

    /** The work itself, run on a background thread. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    private final String title;
    private final Executor fx;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private volatile boolean cancelled;
    private volatile Thread runner;

    BackgroundTask(String title, Executor fx) {
        this.title = title;
        this.fx = fx;
    }

    public String title() {
        return title;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Asks the work to stop at its next check, and interrupts it if it is waiting. */
    public void cancel() {
        cancelled = true;
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    void attach(Thread t) {
        runner = t;
    }

    Progress progressSink() {
        return new Progress() {
            @Override
            public void update(long done, long total) {
                double p = total <= 0 ? -1 : Math.min(1.0, (double) done / total);
                fx.execute(() -> progress.set(p));
            }

            @Override
            public void message(String m) {
                fx.execute(() -> message.set(m));
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
    }
}

package org.vfscope.app.workbench.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the workbench runs work off the FX thread (JabRef's BackgroundTask + TaskExecutor):
 * every task is listed while it runs, so the status bar can show progress and cancel it; results
 * and failures come back on the FX executor. Tests pass {@code Runnable::run} for both executors.
 */
public final class BackgroundTasks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);

    private final Executor worker;
    private final Executor fx;
    private final ExecutorService owned;
    private final ObservableList<BackgroundTask> active = FXCollections.observableArrayList();

    public BackgroundTasks(Executor worker, Executor fx) {
        this.worker = worker;
        this.fx = fx;
        this.owned = worker instanceof ExecutorService s ? s : null;
    }

    /** Three daemon workers; results on the FX thread. */
    public static BackgroundTasks forFx() {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "vfscope-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new BackgroundTasks(pool, FxThread::run);
    }

    /** Synchronous: for tests of view models. */
    public static BackgroundTasks inline() {
        return new BackgroundTasks(Runnable::run, Runnable::run);
    }

    public Executor fx() {
        return fx;
    }

    /** The tasks running now, in start order; changes on the FX executor. */
    public ObservableList<BackgroundTask> active() {
        return active;
    }

    /** Runs {@code work} in the background; {@code onDone} or {@code onFailed} (with a user message) on the FX executor. */
    public <T> BackgroundTask submit(String title, BackgroundTask.Work<T> work, Consumer<T> onDone,
                                     Consumer<String> onFailed) {
        BackgroundTask task = new BackgroundTask(title, fx);
        fx.execute(() -> active.add(task));
        worker.execute(() -> {
            task.attach(Thread.currentThread());
            try {
                T result = work.run(task.progressSink());
                if (task.isCancelled()) {
                    throw new CancellationException();
                }
                fx.execute(() -> {
                    active.remove(task);
                    onDone.accept(result);
                });
            } catch (Throwable e) { // NOPMD: a task's failure is a message to the user, whatever it is
                if (!(e instanceof CancellationException) && !(e instanceof InterruptedException)) {
                    LOG.debug("{} failed", title, e);
                }
                String message = task.isCancelled() ? "Cancelled." : UserMessages.of(e);
                fx.execute(() -> {
                    active.remove(task);
                    onFailed.accept(message);
                });
            } finally {
                task.attach(null);
                Thread.interrupted();
            }
        });
        return task;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}

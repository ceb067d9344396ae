package org.vfscope.app.workbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.vfscope.app.image.Machine;
import org.vfscope.app.workbench.image.ImagePrefetch;
import org.vfscope.app.workbench.image.ImageWorkspace;

/**
 * The life of the open image: open (read-only, through the copy-on-write overlay), enable
 * editing (after checking the driver can write, taking the lock), commit (after a confirmation
 * that says what will be written), discard, save as a new image, close.
 */
public final class ImageController {
    private final WorkbenchModel model;
    private final Dialogs dialogs;
    private Consumer<Machine> onPrimary = m -> { };
    private Runnable onClosed = () -> { };
    private Runnable onReset = () -> { };

    public ImageController(WorkbenchModel model, Dialogs dialogs) {
        this.model = model;
        this.dialogs = dialogs;
    }

    /** Called with the primary volume's machine once an image is open (and again after discard). */
    public void onPrimary(Consumer<Machine> c) {
        this.onPrimary = c;
    }

    public void onClosed(Runnable r) {
        this.onClosed = r;
    }

    /** After discard: editors and the tree must forget what they showed. */
    public void onReset(Runnable r) {
        this.onReset = r;
    }

    /** Opens {@code image} in the background; {@code then} runs once it shows. */
    public void open(Path image, Runnable then) {
        if (!Files.isRegularFile(image)) {
            dialogs.error("Cannot open image", "No such file: " + image);
            return;
        }
        model.tasks().submit("Open " + image.getFileName(), p -> {
            var prefetched = ImagePrefetch.take(image);
            if (prefetched.isPresent()) {
                try {
                    return prefetched.get().join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof Exception x ? x : e;
                }
            }
            return ImagePrefetch.open(image);
        }, r -> {
            close();
            ImageWorkspace w = r.workspace();
            model.problems().clear();
            model.workspaceProperty().set(w);
            model.notify("Opened " + image + " read-only (changes would go to an overlay)");
            if (r.primary() != null) {
                r.primary().journal().ifPresent(note -> model.notify(note.message()));
                onPrimary.accept(r.primary());
            } else {
                reportUnmounted(w);
            }
            then.run();
        }, m -> dialogs.error("Cannot open image", m));
    }

    private void reportUnmounted(ImageWorkspace w) {
        model.tasks().submit("Mount " + w.name(), p -> {
            w.machine(w.primaryVolume().orElseThrow());
            return null;
        }, x -> { }, m -> model.problems().add(new org.vfscope.app.workbench.tools.Problem(
                org.vfscope.app.workbench.tools.Problem.Severity.ERROR, "MOUNT", m, w.primaryVolume().orElse(-1), "", 0, -1)));
    }

    /** A ramfs to try things on: writable at once, no image file behind it. */
    public void openScratch() {
        close();
        ImageWorkspace w = ImageWorkspace.ramfs("Scratch RAM disk");
        model.problems().clear();
        model.workspaceProperty().set(w);
        model.notify("Scratch ramfs: everything is in memory and is lost on close");
        model.tasks().submit("Mount ramfs", p -> w.machine(0), onPrimary, model::error);
    }

    public void close() {
        ImageWorkspace w = model.workspace();
        if (w == null) {
            return;
        }
        model.workspaceProperty().set(null);
        onClosed.run();
        model.tasks().submit("Close " + w.name(), p -> {
            w.close();
            return null;
        }, x -> { }, m -> { });
    }

    public void enableEditing() {
        ImageWorkspace w = model.workspace();
        if (w == null || model.isEditable()) {
            return;
        }
        model.tasks().submit("Enable editing", p -> {
            int v = w.primaryVolume().orElseThrow(() -> new IllegalStateException("no filesystem on this image to edit"));
            if (!w.canWrite(v)) {
                throw new IllegalStateException("this build's " + w.volumes().get(v).type().orElse("")
                        + " driver can only read; editing will be possible once its write support lands. "
                        + "Try File > New Scratch RAM Disk to try editing on ramfs.");
            }
            w.enableEditing(model.configDir().resolve("locks"));
            return null;
        }, x -> {
            model.refreshMode();
            model.notify("Editing on: changes go to an overlay; the image file is untouched until you commit");
        }, m -> dialogs.error("Cannot enable editing", m));
    }

    public void commit() {
        ImageWorkspace w = model.workspace();
        if (w == null || w.isScratch() || !model.isEditable()) {
            return;
        }
        model.tasks().submit("Prepare commit", p -> w.commitSummary(), summary -> {
            if (!dialogs.confirm("Commit to image", summary, "Commit")) {
                return;
            }
            model.tasks().submit("Commit to " + w.name(), p -> {
                w.commit();
                return null;
            }, x -> {
                model.refreshMode();
                model.notify("Committed to " + w.image().orElseThrow());
            }, m -> dialogs.error("Commit failed", m + " (the overlay was kept: nothing is lost)"));
            model.refreshMode();
        }, m -> dialogs.error("Commit failed", m));
    }

    public void discard() {
        ImageWorkspace w = model.workspace();
        if (w == null || w.isScratch()) {
            return;
        }
        if (!dialogs.confirm("Discard changes", "Every change made since the last commit is dropped; the image "
                + "file stays exactly as it is on disk.", "Discard")) {
            return;
        }
        onReset.run();
        model.tasks().submit("Discard changes", p -> {
            w.discard();
            w.disableEditing();
            return w.primaryVolume().isPresent() ? w.machine(w.primaryVolume().getAsInt()) : null;
        }, m -> {
            model.refreshMode();
            model.workspaceProperty().set(null);
            model.workspaceProperty().set(w);
            if (m != null) {
                onPrimary.accept(m);
            }
            model.notify("Changes discarded; " + w.name() + " is as on disk");
        }, m -> dialogs.error("Discard failed", m));
    }

    public void saveAs() {
        ImageWorkspace w = model.workspace();
        if (w == null || w.isScratch()) {
            return;
        }
        dialogs.chooseSaveImage(w.name().replaceFirst("(\\.img)?$", "-edited.img")).ifPresent(target -> {
            if (w.image().map(i -> i.toAbsolutePath().equals(target.toAbsolutePath())).orElse(false)) {
                dialogs.error("Save as new image", "Choose a new file: Commit writes into the image itself.");
                return;
            }
            model.tasks().submit("Save as " + target.getFileName(), p -> {
                long size = Files.size(w.image().orElseThrow());
                w.saveAs(target, done -> p.update(done, size));
                return target;
            }, t -> model.notify("Saved a new image: " + t), m -> dialogs.error("Save as failed", m));
        });
    }
}

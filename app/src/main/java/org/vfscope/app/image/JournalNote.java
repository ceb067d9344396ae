package org.vfscope.app.image;

import java.util.Optional;

import org.vfscope.fs.jbd2.RecoveryResult;

/**
 * What opening an image did about a journal that needed recovery: replayed it into a
 * copy-on-write overlay (the file itself unchanged), or could not, and the image is shown as it
 * is on disk.
 *
 * @param volume   how messages name the volume ("disk.img", "disk.img partition 2")
 * @param replayed the replay, when it was done
 * @param failure  why it was not done, when it was not
 */
public record JournalNote(String volume, Optional<RecoveryResult> replayed, Optional<String> failure) {

    static JournalNote replayed(String volume, RecoveryResult r) {
        return new JournalNote(volume, Optional.of(r), Optional.empty());
    }

    static JournalNote failed(String volume, String why) {
        return new JournalNote(volume, Optional.empty(), Optional.of(why));
    }

    /** One line for the user, e.g. "disk.img: journal replayed in memory (2 transactions, 31 blocks); the file is unchanged". */
    public String message() {
        if (replayed.isPresent()) {
            RecoveryResult r = replayed.get();
            String line = volume + ": journal replayed in memory (" + plural(r.transactions(), "transaction") + ", "
                    + plural(r.blocksReplayed(), "block") + "); the file is unchanged";
            if (!r.problems().isEmpty()) {
                line += "; " + r.problems().get(0) + (r.problems().size() > 1 ? " (and " + (r.problems().size() - 1)
                        + " more)" : "");
            } else if (r.failedCommit()) {
                line += "; a corrupt commit block ended the log early";
            }
            return line;
        }
        return volume + ": journal not replayed: " + failure.orElse("") + "; showing the image as it is on disk "
                + "(its most recent changes may be missing)";
    }

    private static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}

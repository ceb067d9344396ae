package org.vfscope.visualizer.page;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.vfscope.visualizer.InodeKey;
import org.vfscope.visualizer.Palette;

/**
 * Gives each cached file a colour of {@link Palette#FILE_COLORS} and keeps it while the file
 * stays cached, so a file does not change colour between frames. A file newly cached takes the
 * colour fewest cached files have (the palette's first on a tie): up to seven files on screen
 * never share one, and after drop_caches the next file gets the strongest colour again. Feed
 * thread.
 */
public final class FileColors {
    private final Map<InodeKey, Integer> assigned = new HashMap<>();
    private final int[] users = new int[Palette.FILE_COLORS.size()];

    /** Forgets the files no longer cached; call once per frame before {@link #colorOf}. */
    public void retain(Set<InodeKey> cached) {
        assigned.entrySet().removeIf(e -> {
            if (cached.contains(e.getKey())) {
                return false;
            }
            users[e.getValue()]--;
            return true;
        });
    }

    /** The index into {@link Palette#FILE_COLORS} for the file. */
    public int colorOf(InodeKey file) {
        Integer c = assigned.get(file);
        if (c != null) {
            return c;
        }
        int best = 0;
        for (int i = 1; i < users.length; i++) {
            if (users[i] < users[best]) {
                best = i;
            }
        }
        users[best]++;
        assigned.put(file, best);
        return best;
    }
}

package org.vfscope.visualizer;

import java.util.Objects;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.PageInfo;

/**
 * What a click in a cache view picked: a dentry, an inode, a page or a device block. The workbench
 * shows it in its inspector; {@code path} is the name the dcache knows for the object, or null.
 */
public sealed interface Selection permits Selection.Dentry, Selection.Inode, Selection.Page, Selection.Block {

    /** One line naming the object, for a status bar or an inspector title. */
    String describe();

    /** A dentry, with its path from the root of its filesystem. */
    record Dentry(DentryInfo dentry, String path) implements Selection {
        public Dentry {
            Objects.requireNonNull(dentry, "dentry");
        }

        @Override
        public String describe() {
            return "dentry " + (path != null ? path : dentry.name());
        }
    }

    /** A cached inode. */
    record Inode(InodeInfo inode, String path) implements Selection {
        public Inode {
            Objects.requireNonNull(inode, "inode");
        }

        @Override
        public String describe() {
            return "inode " + inode.ino() + (path != null ? " " + path : "");
        }
    }

    /** A page-cache page. */
    record Page(PageInfo page, String path) implements Selection {
        public Page {
            Objects.requireNonNull(page, "page");
        }

        @Override
        public String describe() {
            return "page " + page.index() + " of " + (path != null ? path : "inode " + page.ino());
        }
    }

    /** A block of a device, as the block I/O map shows it. */
    record Block(String device, long block, int blockSize, String kind) implements Selection {
        public Block {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String describe() {
            return device + " block " + block;
        }
    }
}

package org.vfscope.visualizer;

/** An inode's identity across snapshots: its device and number. */
public record InodeKey(long dev, long ino) {
}

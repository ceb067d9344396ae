package org.vfscope.mm;

/** The file LRU lists of a node (enum lru_list, file half). */
public enum LruList {
    NONE,
    INACTIVE,
    ACTIVE
}

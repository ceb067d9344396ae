package org.vfscope.trace;

/** The page-cache LRU list a page is on (mm/vmscan.c), or NONE when isolated or off the LRU. */
public enum PageLru { NONE, INACTIVE, ACTIVE, UNEVICTABLE }

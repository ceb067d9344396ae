package org.vfscope.trace;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Immutable, ordered copies of flag sets, so records stay immutable and print in a fixed order. */
final class Flags {
    private Flags() {
    }

    static <E extends Enum<E>> Set<E> copyOf(Class<E> type, Collection<E> flags) {
        EnumSet<E> copy = EnumSet.noneOf(type);
        if (flags != null) {
            copy.addAll(flags);
        }
        return Collections.unmodifiableSet(copy);
    }
}

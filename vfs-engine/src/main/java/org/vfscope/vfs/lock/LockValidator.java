package org.vfscope.vfs.lock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small lockdep (kernel/locking/lockdep.c): records which lock class was held when another was
 * taken, and reports a violation when an acquisition would close a cycle in that order graph, or
 * when a thread takes a lock instance it already holds. Off by default (no cost); tests turn it on.
 */
public final class LockValidator {
    private static volatile boolean enabled;
    private static final Map<LockClass, Set<LockClass>> AFTER = new HashMap<>();
    private static final List<String> VIOLATIONS = new ArrayList<>();
    private static final ThreadLocal<Deque<Held>> HELD = ThreadLocal.withInitial(ArrayDeque::new);

    private record Held(Object lock, LockClass cls) {
    }

    private LockValidator() {
    }

    /** Starts validating, forgetting any earlier graph and violations. */
    public static synchronized void enable() {
        AFTER.clear();
        VIOLATIONS.clear();
        enabled = true;
    }

    public static synchronized void disable() {
        enabled = false;
    }

    public static boolean isEnabled() {
        return enabled;
    }

    /** Every violation seen since {@link #enable()}. */
    public static synchronized List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }

    /** Called before blocking on {@code lock}; throws {@link LockOrderViolation} on a violation. */
    static void acquire(Object lock, LockClass cls) {
        if (!enabled) {
            return;
        }
        Deque<Held> held = HELD.get();
        for (Held h : held) {
            if (h.lock == lock) {
                fail("recursive acquisition of " + cls + " already held by this thread");
            }
        }
        synchronized (LockValidator.class) {
            for (Held h : held) {
                if (h.cls.equals(cls)) {
                    fail("two locks of class " + cls + " held at once without a nesting subclass");
                }
                if (reachable(cls, h.cls)) {
                    fail("lock order inversion: " + cls + " taken while holding " + h.cls
                            + ", but " + h.cls + " was taken after " + cls + " before");
                }
            }
            for (Held h : held) {
                AFTER.computeIfAbsent(h.cls, k -> new HashSet<>()).add(cls);
            }
        }
        held.push(new Held(lock, cls));
    }

    static void release(Object lock) {
        if (!enabled) {
            return;
        }
        HELD.get().removeIf(h -> h.lock == lock);
    }

    private static boolean reachable(LockClass from, LockClass to) {
        Deque<LockClass> todo = new ArrayDeque<>(List.of(from));
        Set<LockClass> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            LockClass c = todo.pop();
            if (c.equals(to)) {
                return true;
            }
            if (seen.add(c)) {
                todo.addAll(AFTER.getOrDefault(c, Set.of()));
            }
        }
        return false;
    }

    private static void fail(String message) {
        synchronized (LockValidator.class) {
            VIOLATIONS.add(message);
        }
        throw new LockOrderViolation(message);
    }
}

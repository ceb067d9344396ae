package org.vfscope.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListLruTest {
    private static final class Item implements ListLru.Item {
        final int id;
        long stamp;

        Item(int id) {
            this.id = id;
        }

        @Override
        public long lruStamp() {
            return stamp;
        }

        @Override
        public void setLruStamp(long stamp) {
            this.stamp = stamp;
        }

        @Override
        public String toString() {
            return "#" + id;
        }
    }

    private static List<Item> fill(ListLru<Item> lru, int n) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Item item = new Item(i);
            items.add(item);
            lru.add(item);
        }
        return items;
    }

    private static List<Integer> ids(List<Item> items) {
        return items.stream().map(i -> i.id).toList();
    }

    @Test
    void walkOffersOnlyTheBudgetFromTheHead() {
        ListLru<Item> lru = new ListLru<>();
        List<Item> items = fill(lru, 1000);
        List<Item> seen = new ArrayList<>();
        lru.walk(item -> {
            seen.add(item);
            lru.remove(item);
            return ListLru.Status.REMOVED;
        }, 3);
        assertEquals(items.subList(0, 3), seen);
        assertEquals(997, lru.size());
        assertEquals(items.subList(3, 1000), lru.snapshot());
    }

    @Test
    void rotatedItemsComeRoundAgainAfterEveryOriginal() {
        ListLru<Item> lru = new ListLru<>();
        fill(lru, 4);
        List<Item> seen = new ArrayList<>();
        lru.walk(item -> {
            seen.add(item);
            return ListLru.Status.ROTATE;
        }, 6);
        assertEquals(List.of(0, 1, 2, 3, 0, 1), ids(seen));
        assertEquals(List.of(2, 3, 0, 1), ids(lru.snapshot()));
    }

    @Test
    void skippedItemsStayAtTheHeadAndCostBudget() {
        ListLru<Item> lru = new ListLru<>();
        fill(lru, 5);
        List<Item> seen = new ArrayList<>();
        lru.walk(item -> {
            seen.add(item);
            return ListLru.Status.SKIP;
        }, 3);
        assertEquals(List.of(0, 1, 2), ids(seen));
        assertEquals(List.of(0, 1, 2, 3, 4), ids(lru.snapshot()));
    }

    @Test
    void itemsRemovedUnderTheWalkCostNothingAndTheWalkReachesPastTheFirstCopy() {
        // The callback also takes the next two items off (as another thread could while the
        // lock is dropped): they are passed over without budget, and the walk goes on to items
        // beyond the part of the list it first looked at.
        ListLru<Item> lru = new ListLru<>();
        List<Item> items = fill(lru, 20);
        List<Item> seen = new ArrayList<>();
        lru.walk(item -> {
            seen.add(item);
            lru.remove(item);
            int next = item.id + 1;
            for (int k = next; k < next + 2 && k < items.size(); k++) {
                lru.remove(items.get(k));
            }
            return ListLru.Status.REMOVED;
        }, 5);
        assertEquals(List.of(0, 3, 6, 9, 12), ids(seen));
        assertEquals(List.of(15, 16, 17, 18, 19), ids(lru.snapshot()));
    }

    @Test
    void itemsThatJoinDuringTheWalkAreNotOffered() {
        ListLru<Item> lru = new ListLru<>();
        fill(lru, 3);
        List<Item> seen = new ArrayList<>();
        int[] joined = {100};
        lru.walk(item -> {
            seen.add(item);
            lru.add(new Item(joined[0]++));
            return ListLru.Status.SKIP;
        }, 10);
        assertEquals(List.of(0, 1, 2), ids(seen));
        assertEquals(6, lru.size());
    }

    @Test
    void retryOffersTheSameItemAgain() {
        ListLru<Item> lru = new ListLru<>();
        fill(lru, 3);
        List<Item> seen = new ArrayList<>();
        boolean[] retried = {false};
        lru.walk(item -> {
            seen.add(item);
            if (item.id == 1 && !retried[0]) {
                retried[0] = true;
                return ListLru.Status.RETRY;
            }
            lru.remove(item);
            return ListLru.Status.REMOVED;
        }, 10);
        assertEquals(List.of(0, 1, 1, 2), ids(seen));
        assertEquals(0, lru.size());
    }
}

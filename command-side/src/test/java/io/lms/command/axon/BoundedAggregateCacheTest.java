package io.lms.command.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedAggregateCacheTest {

    @Test
    void it_keeps_what_nothing_else_references_across_garbage_collections() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("course-1", new StringBuilder("state"));

        System.gc();

        assertThat(cache.<String, StringBuilder>get("course-1")).hasToString("state");
    }

    @Test
    void beyond_its_size_it_drops_the_least_recently_used() {
        BoundedAggregateCache cache = new BoundedAggregateCache(2);
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        cache.put("a", 1);
        cache.put("b", 2);
        cache.get("a"); // a is now the most recently used
        cache.put("c", 3);

        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(expired).containsExactly("b");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void put_if_absent_compute_if_present_and_remove_behave_as_axon_expects() {
        BoundedAggregateCache cache = new BoundedAggregateCache(5);
        assertThat(cache.putIfAbsent("a", 1)).isTrue();
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat(cache.<String, Integer>get("a")).isEqualTo(1);

        cache.<Integer>computeIfPresent("a", v -> v + 10);
        cache.<Integer>computeIfPresent("missing", v -> v + 10);
        assertThat(cache.<String, Integer>get("a")).isEqualTo(11);
        assertThat(cache.containsKey("missing")).isFalse();
        assertThat(cache.<Integer>computeIfAbsent("b", () -> 7)).isEqualTo(7);

        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.put("b", null);
        assertThat(cache.containsKey("b")).isFalse();
        cache.put("c", 1);
        cache.removeAll();
        assertThat(cache.size()).isZero();
    }

    @Test
    void a_size_below_one_is_refused() {
        assertThatThrownBy(() -> new BoundedAggregateCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

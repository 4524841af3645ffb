package com.wuhou.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every buyer of a run is a new visitor with an ID number the platform accepts. */
class IdNumbersTests {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    @Test
    void shouldGiveDistinctNumbersWithAValidCheckCharacter() {
        IdNumbers ids = new IdNumbers();
        Set<String> seen = new HashSet<>();

        for (int n = 0; n < 5_000; n++) {
            String id = ids.at(n);
            assertThat(id).hasSize(18).startsWith("110105");
            assertThat(id.charAt(17)).isEqualTo(checkCharacter(id));
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void shouldGiveTheSameNumberForTheSameIndex() {
        IdNumbers ids = new IdNumbers();

        assertThat(ids.at(1234)).isEqualTo(ids.at(1234));
    }

    /** GB 11643: ISO 7064 MOD 11-2 over the first 17 digits. */
    private static char checkCharacter(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return "10X98765432".charAt(sum % 11);
    }
}

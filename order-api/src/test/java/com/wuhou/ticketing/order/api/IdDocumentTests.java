package com.wuhou.ticketing.order.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdDocumentTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    private static final byte[] KEY = "test-key-of-sufficient-length-123".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @CsvSource({"11010519491231002X", "11010519491231002x", "510107199003071236", "1101 0519 4912 3100 2X"})
    void shouldAcceptIdCardWhenCheckDigitAndBirthDateAreRight(String number) {
        assertThat(new IdDocument(IdDocument.Type.ID_CARD, number).problem(TODAY))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "110105194912310021, check digit",
        "11010519491231002, 17 digits",
        "01010519491231002X, 17 digits",
        "110105194913310028, birth date",
        "110105203001010015, not possible",
        "440524188001010014, not possible",
        "ABCDEFGHIJKLMNOPQR, 17 digits"
    })
    void shouldRefuseIdCardAndSayWhyWhenNumberIsWrong(String number, String reason) {
        assertThat(new IdDocument(IdDocument.Type.ID_CARD, number).problem(TODAY))
                .hasValueSatisfying(problem -> assertThat(problem).contains(reason));
    }

    @Test
    void shouldCheckPassportsByShapeOnly() {
        assertThat(new IdDocument(IdDocument.Type.PASSPORT, "e12345678").problem(TODAY))
                .isEmpty();
        assertThat(new IdDocument(IdDocument.Type.PASSPORT, "E1").problem(TODAY))
                .isPresent();
        assertThat(new IdDocument(IdDocument.Type.PASSPORT, "E123-45678").problem(TODAY))
                .isPresent();
    }

    @Test
    void shouldHashSameDocumentTheSameWayWhateverItsSpelling() {
        String a = new IdDocument(IdDocument.Type.ID_CARD, "11010519491231002x").hash(KEY);
        String b = new IdDocument(IdDocument.Type.ID_CARD, " 11010519491231002X ").hash(KEY);
        String passport = new IdDocument(IdDocument.Type.PASSPORT, "11010519491231002X").hash(KEY);
        String otherKey = new IdDocument(IdDocument.Type.ID_CARD, "11010519491231002X")
                .hash("another-key-of-sufficient-length".getBytes(StandardCharsets.UTF_8));

        assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
        assertThat(passport).isNotEqualTo(a);
        assertThat(otherKey).isNotEqualTo(a);
    }

    @Test
    void shouldMaskAllButFirstThreeAndLastFour() {
        assertThat(new IdDocument(IdDocument.Type.ID_CARD, "11010519491231002X").masked())
                .isEqualTo("110***********002X");
        assertThat(new IdDocument(IdDocument.Type.PASSPORT, "E1234").masked()).isEqualTo("*****");
    }
}

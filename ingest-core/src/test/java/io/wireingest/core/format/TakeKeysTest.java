package io.wireingest.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TakeKeysTest {
    @Test
    void splitsTheTakeKeyOffASlugline() {
        assertThat(TakeKeys.splitSlugline("BC-US--Earns-Nutrisystem, 1st Ld-Writethru"))
                .containsExactly("BC-US--Earns-Nutrisystem", "1st Ld-Writethru");
        assertThat(TakeKeys.splitSlugline("GLOBAL-PRECIOUS/ (UPDATE 1)"))
                .containsExactly("GLOBAL-PRECIOUS/", "UPDATE 1");
        assertThat(TakeKeys.splitSlugline("SOCCER-ENGLAND/CHELSEA-BENITEZ"))
                .containsExactly("SOCCER-ENGLAND/CHELSEA-BENITEZ", null);
        assertThat(TakeKeys.splitSlugline("Sport Trivia (Oct 14)")).containsExactly("Sport Trivia (Oct 14)", null);
    }

    @Test
    void readsSignalsAndVersionsFromTakeKeys() {
        assertThat(TakeKeys.signals("1stLd-Writethru")).containsExactly("update");
        assertThat(TakeKeys.versionOf("1stLd-Writethru")).isEqualTo("2");
        assertThat(TakeKeys.versionOf("3rd Ld-Writethru")).isEqualTo("4");
        assertThat(TakeKeys.signals("REFILE 1ST LEAD")).containsExactly("update", "refile");
        assertThat(TakeKeys.signals("CORRECTED")).containsExactly("correction");
        assertThat(TakeKeys.signals("2nd Ld-Writethru, Correction")).containsExactly("update", "correction");
        assertThat(TakeKeys.signals("KILL")).containsExactly("kill");
        assertThat(TakeKeys.signals("EXTRA")).containsExactly("urgent");
        assertThat(TakeKeys.signals(null)).isEmpty();
        assertThat(TakeKeys.isTakeKey("Oct 14")).isFalse();
    }
}

package io.wireingest.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.junit.jupiter.api.Test;

class InMemoryJsonTest {
    @Test
    void theFactoryHasNoStringLimitAndJacksonsOtherDefaults() {
        JsonFactory factory = InMemoryJson.factory();
        StreamReadConstraints limits = factory.streamReadConstraints();
        StreamReadConstraints defaults = StreamReadConstraints.defaults();
        assertThat(limits.getMaxStringLength()).isEqualTo(Integer.MAX_VALUE);
        assertThat(limits.getMaxNestingDepth()).isEqualTo(defaults.getMaxNestingDepth());
        assertThat(limits.getMaxNumberLength()).isEqualTo(defaults.getMaxNumberLength());
    }

    @Test
    void eachCallGivesANewFactory() {
        // an ObjectMapper takes its factory over (sets itself as the codec), so mappers must not share one
        assertThat(InMemoryJson.factory()).isNotSameAs(InMemoryJson.factory());
    }
}

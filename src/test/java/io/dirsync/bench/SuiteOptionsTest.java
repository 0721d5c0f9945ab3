package io.dirsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.bench.SuiteOptions.Size;
import org.junit.jupiter.api.Test;

/** The suite's command line: named and custom sizes, runs, the capped heap, and a clear word for a mistake. */
class SuiteOptionsTest {

    @Test
    void withoutOptionsTheDefaultSizesRunThreeTimesAndTheCappedHeapIsOneGigabyte() {
        SuiteOptions options = SuiteOptions.parse();

        assertThat(options.sizes()).extracting(Size::name).containsExactly("10k", "100k", "100k-big");
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.cappedHeap()).isEqualTo("1g");
    }

    @Test
    void namedAndCustomSizesRunsAndHeap() {
        SuiteOptions options = SuiteOptions.parse("--sizes", "1m, 2000/100,100k-big", "--runs", "1", "--heap", "768m");

        assertThat(options.sizes()).containsExactly(new Size("1m", 1_000_000, 50_000, 0, 0),
                new Size("2000/100", 2000, 100, 0, 0), new Size("100k-big", 100_000, 5_000, 3, 12_000));
        assertThat(options.runs()).isEqualTo(1);
        assertThat(options.cappedHeap()).isEqualTo("768m");
        assertThat(options.readsOnly()).isFalse();
        assertThat(SuiteOptions.parse("--reads-only", "--sizes", "1m").readsOnly()).isTrue();
    }

    @Test
    void eachMistakeIsNamedInOneLine() {
        assertThatThrownBy(() -> SuiteOptions.parse("--sizes", "10k,1x"))
                .hasMessageStartingWith("--sizes: '1x' is not a size");
        assertThatThrownBy(() -> SuiteOptions.parse("--sizes", "100/200"))
                .hasMessageStartingWith("--sizes: '100/200' is not a size");
        assertThatThrownBy(() -> SuiteOptions.parse("--runs", "0")).hasMessageStartingWith("--runs: '0'");
        assertThatThrownBy(() -> SuiteOptions.parse("--heap", "lots")).hasMessageStartingWith("--heap: 'lots'");
        assertThatThrownBy(() -> SuiteOptions.parse("--runs")).hasMessageStartingWith("--runs needs a value");
        assertThatThrownBy(() -> SuiteOptions.parse("--size", "10k")).hasMessageStartingWith("unknown option --size");
    }
}

package io.dirsync.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.filter.BwdcFilter.Clause;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BwdcFilterTest {

    private static final List<String> KEYWORDS = List.of("include", "exclude", "includeGroup");

    @Test
    void readsClausesKeywordsCaseInsensitiveValuesTrimmed() {
        assertThat(BwdcFilter.clauses("sync.user-filter", " INCLUDEgroup: A1 , b2 | exclude:Joe@X.com ", KEYWORDS))
                .containsExactly(new Clause("includeGroup", Set.of("A1", "b2")), new Clause("exclude", Set.of("Joe@X.com")));
    }

    @Test
    void whatBwdcIgnoresInSilenceIsAnErrorNamingTheSetting() {
        assertThatThrownBy(() -> BwdcFilter.clauses("sync.user-filter", "inclde:a@x.com", KEYWORDS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid setting sync.user-filter=inclde:a@x.com: unknown keyword \"inclde\"; expected"
                        + " include:…, exclude:…, includeGroup:… (bwdc's filter grammar).");
        assertThatThrownBy(() -> BwdcFilter.clauses("sync.group-filter", "include:Sales:EMEA", KEYWORDS))
                .hasMessageContaining("\"include:Sales:EMEA\" is not keyword:value,value (exactly one ':')");
        assertThatThrownBy(() -> BwdcFilter.clauses("sync.user-filter", "a@x.com,b@x.com", KEYWORDS))
                .hasMessageContaining("exactly one ':'");
        assertThatThrownBy(() -> BwdcFilter.clauses("sync.user-filter", "include: , ", KEYWORDS))
                .hasMessageContaining("include: lists nothing");
        assertThatThrownBy(() -> BwdcFilter.clauses("sync.user-filter", "include:a@x.com|", KEYWORDS))
                .hasMessageContaining("an empty clause");
    }

    @Test
    void lowerCasesForComparison() {
        assertThat(BwdcFilter.lowerCased(Set.of("Joe@X.com"))).containsExactly("joe@x.com");
    }
}

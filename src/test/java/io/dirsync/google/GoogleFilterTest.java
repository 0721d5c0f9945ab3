package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoogleFilterTest {

    private static GoogleFilter users(String filter) {
        return GoogleFilter.parse(Optional.of(filter), Optional.empty());
    }

    @Test
    void bwdcsExamplesKeepTheirMeaning() {
        GoogleFilter exclude = users("exclude:Joe@Company.com | orgUnitPath=/Engineering");
        assertThat(exclude.excludeEmails()).containsExactly("joe@company.com");
        assertThat(exclude.query()).contains("orgUnitPath=/Engineering");
        assertThat(exclude.keepsEmail(" JOE@company.com")).isFalse();
        assertThat(exclude.keepsEmail("ann@company.com")).isTrue();

        GoogleFilter queryOnly = users("|orgUnitPath='/Integration testing'");
        assertThat(queryOnly.query()).contains("orgUnitPath='/Integration testing'");
        assertThat(queryOnly.includeEmails()).isEmpty();

        GoogleFilter groups = GoogleFilter.parse(Optional.empty(), Optional.of("include:Sales,IT|name:S*"));
        assertThat(groups.includeNames()).contains(Set.of("sales", "it"));
        assertThat(groups.groupQuery()).contains("name:S*");
        assertThat(groups.keepsGroupNamed("SALES")).isTrue();
        assertThat(groups.keepsGroupNamed("HR")).isFalse();
    }

    @Test
    void includeAlsoDropsAUserWithoutAnEmailAsBwdcDoes() {
        assertThat(users("include:a@x.com").keepsEmail(null)).isFalse();
        assertThat(users("exclude:a@x.com").keepsEmail(null)).isTrue();
    }

    @Test
    void includeGroupScopesTheReadAndTakesExcludeClauses() {
        GoogleFilter scoped = users("includeGroup:sales@x.com,Engineering|excludeGroup:Contractors|exclude:Bob@x.com");

        assertThat(scoped.groupScoped()).isTrue();
        assertThat(scoped.includeGroups()).containsExactly("sales@x.com", "Engineering");
        assertThat(scoped.excludeGroups()).containsExactly("Contractors");
        assertThat(scoped.excludeEmails()).containsExactly("bob@x.com");
        assertThat(scoped.query()).isEmpty();

        GoogleFilter everyoneBut = users("excludeGroup:Contractors|isSuspended=false");
        assertThat(everyoneBut.groupScoped()).isFalse();
        assertThat(everyoneBut.excludeGroups()).containsExactly("Contractors");
        assertThat(everyoneBut.query()).contains("isSuspended=false");
    }

    @Test
    void whatBwdcWouldIgnoreIsRefused() {
        for (String filter : new String[] {"includes:a@x.com", "include:a@x.com:b", "include:", "exclude:a@x.com|",
                "includeGroup:Sales|orgUnitPath='/Sales'", "includeGroup:Sales|include:a@x.com", "orgUnitPath=/X"}) {
            assertThatThrownBy(() -> users(filter)).as(filter).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Invalid setting sync.user-filter=");
        }
        assertThatThrownBy(() -> GoogleFilter.parse(Optional.empty(), Optional.of("includeGroup:Sales")))
                .hasMessageStartingWith("Invalid setting sync.group-filter=");
    }
}

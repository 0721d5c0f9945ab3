package io.dirsync.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntraFilterTest {

    private static EntraFilter users(String filter) {
        return EntraFilter.parse(Optional.of(filter), Optional.empty());
    }

    private static EntraFilter groups(String filter) {
        return EntraFilter.parse(Optional.empty(), Optional.of(filter));
    }

    @Test
    void includeGroupTakesExcludeGroupAndExcludeClausesAfterIt() {
        EntraFilter filter = users("includeGroup:all-staff|excludeGroup:contractors|excludeGroup:interns"
                + "|exclude:Test@X.com");

        assertThat(filter.includeGroups()).containsExactly("all-staff");
        assertThat(filter.excludeGroups()).containsExactly("contractors", "interns");
        assertThat(filter.groupScoped()).isTrue();
        assertThat(filter.keepsEmail("test@x.com")).isFalse();
        assertThat(filter.keepsEmail(" TEST@x.com")).isFalse();
        assertThat(filter.keepsEmail("ann@x.com")).isTrue();
    }

    @Test
    void includeAndExcludeListEmails() {
        assertThat(users("include:ann@x.com, Bob@x.com").keepsEmail("bob@x.com")).isTrue();
        assertThat(users("include:ann@x.com").keepsEmail("bob@x.com")).isFalse();
        assertThat(users("include:ann@x.com").keepsEmail(null)).isFalse();
        assertThat(users("exclude:ann@x.com").keepsEmail("ann@x.com")).isFalse();
        assertThat(users("exclude:ann@x.com").groupScoped()).isFalse();
        assertThat(users("excludeGroup:g1").excludeGroups()).containsExactly("g1");
    }

    @Test
    void groupFilterNamesGroupsCaseInsensitively() {
        assertThat(groups("include:Sales, IT").keepsGroupNamed("sales")).isTrue();
        assertThat(groups("include:Sales, IT").keepsGroupNamed("HR")).isFalse();
        assertThat(groups("exclude:Sales").keepsGroupNamed("SALES ")).isFalse();
        assertThat(EntraFilter.NONE.keepsGroupNamed("anything")).isTrue();
        assertThat(EntraFilter.NONE.includeNames()).isEmpty();
        assertThat(groups("include:Sales").includeNames()).contains(Set.of("sales"));
    }

    @Test
    void whatBwdcWouldIgnoreIsRefused() {
        assertThatThrownBy(() -> users("exclude:a@x.com|excludeGroup:g"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid setting sync.user-filter=exclude:a@x.com|excludeGroup:g: only"
                        + " includeGroup: may be followed");
        assertThatThrownBy(() -> users("includeGroup:g|include:a@x.com"))
                .hasMessageContaining("include: cannot follow includeGroup:");
        assertThatThrownBy(() -> groups("include:Sales|displayName eq 'x'"))
                .hasMessageContaining("Entra ID has no native query after '|'");
        assertThatThrownBy(() -> groups("includeAdministrativeUnit:9a8b"))
                .hasMessageContaining("administrative units are not read by dirsync yet");
        assertThatThrownBy(() -> groups("includeGroup:x")).hasMessageContaining("unknown keyword \"includeGroup\"");
    }
}

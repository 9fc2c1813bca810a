package io.dbbranch.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.data.masking.MaskingFile;
import io.dbbranch.engine.data.masking.MaskingRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A front end's options become one checked {@link BranchData}. */
class BranchDataTest {
    private final MaskingRules file = MaskingFile.parse("customers.email: email\nkeepData: countries\nallowUnmasked: products.name\n", "m.yml");

    @Test
    void optionsAddToTheMaskingFile() {
        BranchData schemaOnly = BranchData.of(DataPolicy.parse("schema-only"), file, List.of(TableRef.parse("currencies")), List.of());
        assertThat(schemaOnly.rules().keepData()).containsExactly(TableRef.parse("countries"), TableRef.parse("currencies"));
        assertThat(schemaOnly.suitsNativeSchemaOnly()).isFalse();

        BranchData masked = BranchData.of(DataPolicy.MASKED, file, List.of(), List.of(ColumnRef.parse("vendors.contact_name")));
        assertThat(masked.rules().allowUnmasked()).containsExactly(ColumnRef.parse("products.name"), ColumnRef.parse("vendors.contact_name"));
        assertThat(BranchData.of(DataPolicy.SCHEMA_ONLY, null, List.of(), List.of()).suitsNativeSchemaOnly()).isTrue();
        assertThat(BranchData.of(DataPolicy.FULL, null, List.of(), List.of()).isFull()).isTrue();
    }

    @Test
    void optionsThatDoNotGoWithThePolicyAreRefused() {
        assertThatThrownBy(() -> BranchData.of(DataPolicy.MASKED, null, List.of(), List.of()))
                .isInstanceOf(DbBranchException.class).hasMessageContaining("no masking rules were named");
        assertThatThrownBy(() -> BranchData.of(DataPolicy.MASKED, file, List.of(TableRef.parse("countries")), List.of()))
                .hasMessageContaining("keepData (--keep-data) applies to schema-only data only");
        assertThatThrownBy(() -> BranchData.of(DataPolicy.FULL, file, List.of(), List.of()))
                .hasMessageContaining("apply to masked and schema-only data only");
        assertThatThrownBy(() -> DataPolicy.parse("anonymised"))
                .hasMessageContaining("it is not one of full, schema-only, masked");
        assertThat(DataPolicy.parse("Schema_Only")).isEqualTo(DataPolicy.SCHEMA_ONLY);
    }
}

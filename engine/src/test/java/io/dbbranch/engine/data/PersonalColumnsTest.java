package io.dbbranch.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalColumnsTest {

    @Test
    void wordsMatchWholeSoIpIsFoundInClientIpButNotInZipOrDescription() {
        for (String personal : new String[] {"ip", "ip_address", "client_ip", "clientIp", "email", "work_email", "phone_number",
                "mobile", "home_address", "birth_date", "dob", "ssn", "iban", "password_hash", "api_token", "first_name",
                "customer_name", "name", "surname", "displayName", "emailAddress"}) {
            assertThat(PersonalColumns.reason(personal, null)).as(personal).isNotNull();
        }
        for (String notPersonal : new String[] {"zip", "description", "shipping", "table_name", "product_name", "file_name",
                "tokens_used", "names_count", "recipe", "id", "country", "amount"}) {
            assertThat(PersonalColumns.reason(notPersonal, null)).as(notPersonal).isNull();
        }
    }

    @Test
    void aCommentMentioningPiiMakesAnyColumnPersonal() {
        assertThat(PersonalColumns.reason("notes", "Free text, may hold PII")).isEqualTo("its comment mentions pii");
        assertThat(PersonalColumns.reason("notes", "free text")).isNull();
    }
}

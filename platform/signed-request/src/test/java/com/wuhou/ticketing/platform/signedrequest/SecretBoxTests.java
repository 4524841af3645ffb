package com.wuhou.ticketing.platform.signedrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets are stored sealed: only the same key opens them, and a changed value does not open. */
class SecretBoxTests {

    private final SecretBox box = new SecretBox(Base64.getEncoder().encodeToString(SecretBox.newSecret()));

    @Test
    void shouldOpenWhatItSealedAndNeverStoreThePlainSecret() {
        byte[] secret = SecretBox.newSecret();

        byte[] sealed = box.seal(secret);

        assertThat(box.open(sealed)).isEqualTo(secret);
        assertThat(HexFormat.of().formatHex(sealed))
                .doesNotContain(HexFormat.of().formatHex(secret));
        assertThat(box.seal(secret)).isNotEqualTo(sealed); // a fresh nonce each time
    }

    @Test
    void shouldRefuseValuesSealedWithAnotherKeyOrChanged() {
        byte[] sealed = box.seal(SecretBox.newSecret());
        SecretBox other = new SecretBox(Base64.getEncoder().encodeToString(SecretBox.newSecret()));
        byte[] changed = sealed.clone();
        changed[changed.length - 1] ^= 1;

        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open(changed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAKeyOfTheWrongSize() {
        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretBox(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPublishAKeyThatTheGatewayCanReadBack() {
        byte[] secret = SecretBox.newSecret();

        SigningKey active = KeyRecords.decode("dk_1", KeyRecords.encode("dk_1", "device:7", true, 1, secret, box), box);
        SigningKey revoked =
                KeyRecords.decode("dk_1", KeyRecords.encode("dk_1", "device:7", false, 2, secret, box), box);

        assertThat(active.secret()).isEqualTo(secret);
        assertThat(active.principal()).isEqualTo("device:7");
        assertThat(active.active()).isTrue();
        assertThat(revoked.active()).isFalse();
    }

    @Test
    void shouldRefuseARecordWhoseKeyPrincipalStatusOrVersionWasEdited() {
        String revoked = KeyRecords.encode("dk_1", "device:7", false, 2, SecretBox.newSecret(), box);
        String[] parts = revoked.split("\\|");

        String reactivated = String.join("|", parts[0], "ACTIVE", parts[2], parts[3]);
        String reassigned = String.join("|", "device:8", parts[1], parts[2], parts[3]);
        String renumbered = String.join("|", parts[0], parts[1], "3", parts[3]);

        for (String edited : List.of(reactivated, reassigned, renumbered)) {
            assertThatThrownBy(() -> KeyRecords.decode("dk_1", edited, box))
                    .as(edited)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> KeyRecords.decode("dk_2", revoked, box)).isInstanceOf(IllegalArgumentException.class);
    }
}

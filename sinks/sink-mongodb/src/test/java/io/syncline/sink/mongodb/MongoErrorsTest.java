package io.syncline.sink.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoConfigurationException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.syncline.sink.Disposition;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class MongoErrorsTest {
    private static final ServerAddress SERVER = new ServerAddress("localhost");

    @Test
    void anUnreachableOrFailingOverDeploymentIsRetried() {
        assertThat(MongoErrors.classify(new MongoSocketOpenException("refused", SERVER, new IOException("refused"))))
                .isEqualTo(Disposition.RETRY);
        assertThat(MongoErrors.classify(new MongoSocketReadTimeoutException("slow", SERVER, new IOException())))
                .isEqualTo(Disposition.RETRY);
        assertThat(MongoErrors.classify(new MongoTimeoutException("no server selected"))).isEqualTo(Disposition.RETRY);
        assertThat(MongoErrors.classify(new MongoNotPrimaryException(command(10107), SERVER))).isEqualTo(Disposition.RETRY);
        assertThat(MongoErrors.classify(new CompletionException(new MongoTimeoutException("wrapped")))).isEqualTo(Disposition.RETRY);
        assertThat(MongoErrors.classify(new MongoCommandException(command(91), SERVER))).isEqualTo(Disposition.RETRY);
    }

    @Test
    void anErrorLabelledRetryableIsRetriedWhateverItsCode() {
        BsonDocument response = command(12345).append("errorLabels", new BsonArray(java.util.List.of(new BsonString("RetryableWriteError"))));
        assertThat(MongoErrors.classify(new MongoCommandException(response, SERVER))).isEqualTo(Disposition.RETRY);
    }

    @Test
    void credentialsPrivilegesConfigurationAndUnknownErrorsFail() {
        MongoCredential credential = MongoCredential.createCredential("app", "admin", "secret".toCharArray());
        assertThat(MongoErrors.classify(new MongoSecurityException(credential, "auth failed"))).isEqualTo(Disposition.FAIL);
        assertThat(MongoErrors.classify(new MongoCommandException(command(13), SERVER))).isEqualTo(Disposition.FAIL);
        assertThat(MongoErrors.classify(new MongoConfigurationException("bad SRV record"))).isEqualTo(Disposition.FAIL);
        assertThat(MongoErrors.classify(new MongoCommandException(command(26), SERVER))).isEqualTo(Disposition.FAIL);
        assertThat(MongoErrors.classify(new IllegalStateException("bug"))).isEqualTo(Disposition.FAIL);
    }

    @Test
    void aBulkItemErrorIsTheDocumentsUnlessItIsTransientOrAboutPrivileges() {
        assertThat(MongoErrors.forItem(10334)).isEqualTo(Disposition.DEAD_LETTER);
        assertThat(MongoErrors.forItem(121)).isEqualTo(Disposition.DEAD_LETTER);
        assertThat(MongoErrors.forItem(99999)).isEqualTo(Disposition.DEAD_LETTER);
        assertThat(MongoErrors.forItem(11602)).isEqualTo(Disposition.RETRY);
        assertThat(MongoErrors.forItem(13)).isEqualTo(Disposition.FAIL);
        assertThat(MongoErrors.itemCause(99999)).isEqualTo("MongoDB refused the document: error 99999");
    }

    private static BsonDocument command(int code) {
        return new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code)).append("errmsg", new BsonString("msg"));
    }
}

// A local OpenID Connect provider for the login tests (oidc-provider, its development
// interactions: any login name with any password signs in as that account).
//
// Configured from the environment by the pytest fixture (tests/browser/oidc.py):
//   OIDC_TEST_PORT      the port on 127.0.0.1
//   OIDC_TEST_CLIENTS   JSON list of clients (client_id, client_secret, redirect_uris,
//                       post_logout_redirect_uris)
//   OIDC_TEST_ACCOUNTS  JSON object: login name -> extra claims (email, name, groups, …)
// Prints "ready <issuer>" once it listens.
import { generateKeyPairSync, randomBytes } from "node:crypto";

import Provider from "oidc-provider";

const port = Number(process.env.OIDC_TEST_PORT || 0);
const issuer = `http://127.0.0.1:${port}`;
const clients = JSON.parse(process.env.OIDC_TEST_CLIENTS || "[]").map((client) => ({
  response_types: ["code"],
  grant_types: ["authorization_code"],
  token_endpoint_auth_method: "client_secret_post",
  ...client,
}));
const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS || "{}");

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" };

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(16).toString("hex")] },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name", "preferred_username"],
    groups: ["groups"],
  },
  scopes: ["openid", "email", "profile", "groups"],
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  ttl: { IdToken: Number(process.env.OIDC_TEST_ID_TOKEN_TTL || 3600) },
  async findAccount(ctx, id) {
    const extra = accounts[id] || {};
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@gemeente.example`, email_verified: true, ...extra };
      },
    };
  },
});
provider.proxy = false;

const server = provider.listen(port, "127.0.0.1", () => {
  process.stdout.write(`ready ${issuer}\n`);
});
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}

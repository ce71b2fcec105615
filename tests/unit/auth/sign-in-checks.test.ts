import { describe, expect, it } from "vitest";
import { checkSignIn } from "@/components/auth/sign-in-checks";

describe("checkSignIn", () => {
  it("gives the values as the server reads them: the email trimmed and lowercased, the password untouched", () => {
    expect(checkSignIn({ email: "  Ops@Example.com ", password: " secret " })).toEqual({ ok: true, values: { email: "ops@example.com", password: " secret " } });
  });

  it("names each empty field with its own message", () => {
    expect(checkSignIn({ email: "", password: "" })).toEqual({ ok: false, errors: { email: "Enter the email address of your console account.", password: "Enter your password." } });
  });

  it("refuses only the field that is wrong, with the schema's first message for it", () => {
    expect(checkSignIn({ email: "not an address", password: "secret" })).toEqual({ ok: false, errors: { email: "Enter the email address of your console account." } });
    expect(checkSignIn({ email: "ops@example.com", password: "x".repeat(1025) })).toEqual({ ok: false, errors: { password: "That password is too long." } });
  });
});

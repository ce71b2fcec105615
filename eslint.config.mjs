import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Flow Service is spoken to only from lib/flow-service; S3 only from lib/s3.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@aws-sdk/*"], message: "Only lib/s3 (and simulators) may use the AWS SDK." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/s3/**", "lib/sts/**", "simulators/**", "tests/**", "scripts/**", "bench/**"],
    rules: { "no-restricted-imports": "off" },
  },
];

export default config;

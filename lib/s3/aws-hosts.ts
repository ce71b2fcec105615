/**
 * Recognizes Amazon S3 host names and AWS region codes (pure, browser-safe).
 * Shared by the service URL classifier and the pasted-location parser so
 * both agree on what counts as "an AWS S3 endpoint".
 */

/** Region code shape, e.g. us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
export const REGION_PATTERN = /^[a-z]{2,4}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/**
 * Regions we know S3 serves. Used only to warn about probable typos: a
 * well-formed region we do not know is accepted, since AWS adds regions.
 */
export const KNOWN_AWS_REGIONS: ReadonlySet<string> = new Set([
  "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  "af-south-1",
  "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
  "ca-central-1", "ca-west-1",
  "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
  "eu-south-1", "eu-south-2", "eu-north-1",
  "il-central-1", "me-south-1", "me-central-1", "mx-central-1", "sa-east-1",
  "cn-north-1", "cn-northwest-1", "us-gov-east-1", "us-gov-west-1",
]);

export function isRegionCode(value: string): boolean {
  return REGION_PATTERN.test(value);
}

/** ARN partition of a region: aws, aws-cn or aws-us-gov. */
export function partitionForRegion(region: string | undefined): "aws" | "aws-cn" | "aws-us-gov" {
  if (region?.startsWith("cn-")) return "aws-cn";
  if (region?.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The regional endpoint the app recommends, e.g. https://s3.eu-west-1.amazonaws.com. */
export function awsRegionalEndpoint(region: string): string {
  const domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return `https://s3.${region}.${domain}`;
}

export type AwsS3Host = {
  /** Bucket named in a virtual-hosted host name (bucket.s3.region.amazonaws.com). */
  bucket?: string;
  /** Region named in the host; undefined for the global s3.amazonaws.com. */
  region?: string;
  /** True when the region part is present but not a region code (e.g. s3-accelerate). */
  unrecognized: boolean;
};

/*
 * Forms covered: s3.amazonaws.com, s3.REGION.amazonaws.com, s3-REGION.amazonaws.com
 * (legacy), s3.dualstack.REGION…, s3-fips[.dualstack].REGION…, s3-external-1…,
 * each optionally preceded by "BUCKET." and under amazonaws.com or amazonaws.com.cn.
 */
const S3_HOST =
  /^(?:(?<bucket>.+)\.)?s3(?:-fips)?(?:[.-](?<dual>dualstack))?(?:[.-](?<region>[a-z0-9-]+))?\.amazonaws\.com(?<cn>\.cn)?$/;

/** Parses an S3 host name, or returns null when the host is not an S3 one. */
export function parseAwsS3Host(hostname: string): AwsS3Host | null {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  const match = S3_HOST.exec(host);
  if (!match?.groups) return null;
  const { bucket, region: rawRegion } = match.groups;
  let region = rawRegion;
  let unrecognized = false;
  if (region === "external-1") region = "us-east-1";
  else if (region !== undefined && !isRegionCode(region)) unrecognized = true;
  return { bucket, region: unrecognized ? undefined : region, unrecognized };
}

/** True for *.amazonaws.com(.cn) hosts, S3 or not. */
export function isAmazonAwsHost(hostname: string): boolean {
  return /(^|\.)amazonaws\.com(\.cn)?\.?$/i.test(hostname);
}

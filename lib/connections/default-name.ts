// The name the wizard proposes for a new connection. Without zod, so that the wizard's first load
// does not bring the schemas' library (it comes with the first validation).
export function defaultConnectionName(bucketName: string, folderPath: string): string {
  return `S3 ${bucketName}${folderPath ? `/${folderPath}` : ""}`.slice(0, 256);
}

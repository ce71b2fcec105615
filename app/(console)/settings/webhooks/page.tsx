// The webhook endpoints are listed on Settings; this address (the parent of an endpoint's page and of
// "Register endpoint", which a user may reach by trimming the URL) leads there rather than to a 404.
// Settings checks the caller's permission itself.
import { redirect } from "next/navigation";

export default function WebhooksPage(): never {
  redirect("/settings#webhook-alerts");
}

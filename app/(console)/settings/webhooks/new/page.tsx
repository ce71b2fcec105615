import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { CreateEndpointForm } from "@/components/webhooks/endpoint-form";
import { requirePageUser } from "@/lib/auth/session";
import { createWebhookEndpointAction } from "../actions";

export const metadata = { title: "Register a webhook endpoint" };

export default async function NewWebhookEndpointPage() {
  await requirePageUser("webhooks:manage");
  return (
    <>
      <PageHeader
        title="Register a webhook endpoint"
        description={
          <>
            The console POSTs the alerts you choose to this URL, signed with a secret it generates and shows you once. See “Webhook alerts” in the README for the payload and a
            verification example. <Link href="/settings" className="text-blue-800 underline">Back to Settings</Link>
          </>
        }
      />
      <CreateEndpointForm create={createWebhookEndpointAction} />
    </>
  );
}

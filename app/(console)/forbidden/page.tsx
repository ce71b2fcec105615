import { Alert } from "@/components/ui/alert";

export const metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <Alert tone="warning" title="Your role does not allow this page">
      Ask an administrator of this console if you need access.
    </Alert>
  );
}

import { DataTable } from "@/components/ui/data-table";
import { TableHead } from "@/components/ui/table-head";
import type { ActionResult } from "@/lib/actions/result";
import type { Role } from "@/lib/auth/roles";
import { UserAccountActions } from "./user-account-actions";

export type UserRow = { id: string; email: string; name: string; role: Role; disabled: boolean; liveSessions: number };

type Props = {
  users: UserRow[];
  currentUserId: string;
  endSessions: (userId: string) => Promise<ActionResult<{ email: string; ended: number }>>;
  setDisabled: (userId: string, disabled: boolean) => Promise<ActionResult<{ email: string; disabled: boolean; ended: number }>>;
};

/** Settings → Users: each account, its state and live sessions, and what an admin can do to it. */
export function UsersTable({ users, currentUserId, endSessions, setDisabled }: Props) {
  return (
    <DataTable caption="Console users">
      <TableHead columns={["Email", "Name", "Role", "Status", "Live sessions", { hiddenLabel: "Actions" }]} roomy />
      <tbody>
        {users.map((user) => (
          <tr key={user.id} className="border-t border-slate-100" data-testid={`user-row-${user.email}`}>
            <td className="px-4 py-2">{user.email}</td>
            <td className="px-4 py-2">{user.name}</td>
            <td className="px-4 py-2">{user.role}</td>
            <td className="px-4 py-2">{user.disabled ? "Disabled" : "Active"}</td>
            <td className="px-4 py-2">{user.liveSessions}</td>
            <td className="px-4 py-2">
              <UserAccountActions userId={user.id} email={user.email} disabled={user.disabled} self={user.id === currentUserId} endSessions={endSessions} setDisabled={setDisabled} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

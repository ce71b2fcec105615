// The detail page's edit form: a connection's name and description. One schema for the form
// (client) and its server action (server), so both apply the same rules with the same messages;
// it reuses the wizard's rules so a name valid at creation stays valid when edited.
import { z } from "zod";
import { connectionDetailsSchema } from "./schemas";

export const editConnectionSchema = z.object({ ...connectionDetailsSchema.shape });
export type EditConnectionInput = z.input<typeof editConnectionSchema>;
export type EditConnection = z.output<typeof editConnectionSchema>;

import "server-only";
import type { UIMessage } from "ai";
import { decodeBase64Field } from "../base64-field";
import { InvalidArgumentError } from "../domain-errors";

/**
 * Files the user attached in the conversation (AI SDK file parts carrying data URLs). Each gets a
 * short id in the order it appears ("a1", "a2", …: stable while the conversation grows), which the
 * model passes to the tools. The model itself never receives the bytes: a text line names each file
 * in its place, so any chat model can work with uploads and nothing is sent to the endpoint but words.
 */

export interface Attachment {
  id: string;
  name: string;
  mediaType: string;
  bytes: Buffer;
}

export type AttachmentStore = ReadonlyMap<string, Attachment>;

/** Every file part of the conversation, decoded, by id. */
export function collectAttachments(messages: UIMessage[]): AttachmentStore {
  const store = new Map<string, Attachment>();
  messages.forEach((message, m) =>
    message.parts.forEach((part, p) => {
      if (part.type !== "file" || message.role !== "user") return;
      const id = `a${store.size + 1}`;
      if (!part.url.startsWith("data:")) {
        throw new InvalidArgumentError(`Attachment ${id} is a link; attach the file itself (a data URL).`, {
          field: `messages.${m}.parts.${p}.url`,
          message: "not a data URL",
        });
      }
      const { bytes } = decodeBase64Field(`messages.${m}.parts.${p}.url`, part.url);
      store.set(id, { id, name: part.filename ?? `${id}`, mediaType: part.mediaType, bytes });
    }),
  );
  return store;
}

export const describeAttachment = (a: Attachment) => `[attachment ${a.id}: "${a.name}", ${a.mediaType}, ${Math.max(1, Math.round(a.bytes.length / 1024))} KB]`;

/** The conversation with each file part replaced by a line naming its attachment id, for the model. */
export function withAttachmentsNamed(messages: UIMessage[], attachments: AttachmentStore): UIMessage[] {
  const ordered = [...attachments.values()];
  let next = 0;
  return messages.map((message) => ({
    ...message,
    parts: message.parts.map((part) => {
      if (part.type !== "file" || message.role !== "user") return part;
      const attachment = ordered[next++];
      return { type: "text" as const, text: describeAttachment(attachment) };
    }),
  }));
}

/** The attachment a tool asked for, or an error naming the ones there are (returned to the model). */
export function attachmentById(attachments: AttachmentStore, id: string): Attachment {
  const found = attachments.get(id.trim().toLowerCase());
  if (found) return found;
  const known = [...attachments.keys()];
  throw new InvalidArgumentError(
    known.length
      ? `There is no attachment "${id}"; the conversation has ${known.join(", ")}.`
      : `There is no attachment "${id}": the user has not attached a file yet. Ask them to attach one.`,
    { field: "attachment_id", message: "unknown attachment" },
  );
}

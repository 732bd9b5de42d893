"use client";

import { useState } from "react";
import { ProblemMessage } from "@/components/problem-message";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { FieldLabel, TextInput } from "@/components/ui/text-field";
import { type CreateKeyBody, useCreateKey, useKeys, useRenameKey, useRevokeKey } from "@/lib/api-client/use-keys";
import { orMissing } from "@/lib/format";

type Scope = CreateKeyBody["scopes"][number];

export interface ScopeChoice {
  scope: Scope;
  description: string;
}

/** Create, list, rename and revoke API keys. A new key is shown once, with a copy button. */
export function KeysManager({ grantable }: { grantable: ScopeChoice[] }) {
  const keys = useKeys();
  const create = useCreateKey();
  const rename = useRenameKey();
  const revoke = useRevokeKey();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["analyze"]);
  const [expires, setExpires] = useState("");
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [copied, setCopied] = useState(false);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setCopied(false);
    create.mutate({ name, scopes, expires_at: expires ? new Date(`${expires}T23:59:59Z`).toISOString() : undefined }, { onSuccess: () => setName("") });
  };
  const toggle = (scope: Scope) => setScopes((current) => (current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope]));

  return (
    <div className="space-y-6">
      <Card>
        <CardTitle>New key</CardTitle>
        <form onSubmit={submit} className="mt-3 grid gap-4 sm:grid-cols-2" data-testid="create-key-form">
          <div>
            <FieldLabel htmlFor="key-name">Name</FieldLabel>
            <TextInput id="key-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="e.g. nightly batch script" />
          </div>
          <div>
            <FieldLabel htmlFor="key-expiry">Expires (optional)</FieldLabel>
            <TextInput id="key-expiry" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </div>
          <fieldset className="sm:col-span-2">
            <legend className="text-sm font-medium text-slate-800">Scopes</legend>
            <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
              {grantable.map(({ scope, description }) => (
                <label key={scope} className="flex items-center gap-2 text-sm" title={description}>
                  <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} /> <code>{scope}</code>
                  <span className="text-slate-500">{description}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="sm:col-span-2">
            <Button type="submit" disabled={create.isPending || scopes.length === 0}>
              {create.isPending ? "Creating…" : "Create key"}
            </Button>
          </div>
        </form>
        {create.error && <ProblemMessage problem={create.error} />}
        {create.data && (
          <div className="mt-4 space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-4" data-testid="new-key">
            <p className="text-sm font-medium text-emerald-900">Copy this key now: it is shown only once, and only its hash is stored.</p>
            <div className="flex flex-wrap items-center gap-2">
              <code className="break-all rounded bg-white px-2 py-1 text-sm" data-testid="new-key-value">
                {create.data.key}
              </code>
              <Button
                type="button"
                variant="secondary"
                onClick={() =>
                  navigator.clipboard?.writeText(create.data.key).then(
                    () => setCopied(true),
                    () => setCopied(false),
                  )
                }
              >
                {copied ? "Copied" : "Copy"}
              </Button>
            </div>
            <p className="text-xs text-emerald-900">
              Use it as <code>Authorization: Bearer {create.data.display_form}</code> on any <code>/api/v1</code> endpoint its scopes allow.
            </p>
          </div>
        )}
      </Card>

      <Card>
        <CardTitle>Your keys</CardTitle>
        {keys.error && <ProblemMessage problem={keys.error} />}
        {keys.data && keys.data.keys.length === 0 && (
          <p className="mt-2 text-sm text-slate-600">No keys yet: create one above to call the API from a script.</p>
        )}
        {keys.data && keys.data.keys.length > 0 && (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="keys-table">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-1 pr-4 font-medium">Name</th>
                  <th className="py-1 pr-4 font-medium">Key</th>
                  <th className="py-1 pr-4 font-medium">Scopes</th>
                  <th className="py-1 pr-4 font-medium">Created</th>
                  <th className="py-1 pr-4 font-medium">Last used</th>
                  <th className="py-1 pr-4 font-medium">Expires</th>
                  <th className="py-1 font-medium">Status</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {keys.data.keys.map((key) => (
                  <tr key={key.id} className="border-t border-slate-100" data-testid="key-row">
                    <td className="py-2 pr-4">
                      {editing?.id === key.id ? (
                        <form
                          className="flex gap-2"
                          onSubmit={(e) => {
                            e.preventDefault();
                            rename.mutate(editing, { onSuccess: () => setEditing(null) });
                          }}
                        >
                          <TextInput
                            aria-label="New name"
                            value={editing.name}
                            onChange={(e) => setEditing({ id: key.id, name: e.target.value })}
                            maxLength={100}
                          />
                          <Button type="submit" variant="secondary">
                            Save
                          </Button>
                        </form>
                      ) : (
                        key.name
                      )}
                    </td>
                    <td className="py-2 pr-4">
                      <code>{key.display_form}</code>
                    </td>
                    <td className="py-2 pr-4">{key.scopes.join(", ")}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">{key.created_at.slice(0, 10)}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">{key.last_used_at ? key.last_used_at.slice(0, 16).replace("T", " ") : "never"}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">{orMissing(key.expires_at, (at) => at.slice(0, 10))}</td>
                    <td className="py-2 pr-4">
                      <Badge>{key.status}</Badge>
                    </td>
                    <td className="py-2 whitespace-nowrap">
                      {key.status === "active" && (
                        <span className="flex gap-2">
                          <Button type="button" variant="secondary" onClick={() => setEditing({ id: key.id, name: key.name })}>
                            Rename
                          </Button>
                          <Button type="button" variant="secondary" onClick={() => revoke.mutate(key.id)} aria-label={`Revoke ${key.name}`}>
                            Revoke
                          </Button>
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {(rename.error || revoke.error) && <ProblemMessage problem={(rename.error ?? revoke.error)!} />}
      </Card>
    </div>
  );
}

// GET /api/v1/history/{id}/image - the image kept with an analysis (only when it was uploaded with keep_image)
import * as api from "@/lib/api-contract/accounts";
import { ownerIdOf } from "@/lib/auth/principal";
import { getAnalysis } from "@/lib/db/queries/analyses";
import { notFound, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi(api.getHistoryImage, async (_request, { params, principal, database }) => {
  const { id } = params;
  const row = await getAnalysis({ db: await database(), ownerId: ownerIdOf(principal), id });
  if (!row?.imageBytes) notFound(`No image is kept for analysis "${id.slice(0, 64)}" (images are kept only when uploaded with keep_image).`);
  return new Response(new Uint8Array(row.imageBytes), {
    headers: {
      "content-type": row.imageType ?? "application/octet-stream",
      "content-length": String(row.imageBytes.length),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "content-disposition": "inline",
    },
  });
});

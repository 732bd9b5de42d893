// ANY /v2/* - every /v2 path no route claims answers 404 problem+json (with the protocol's `error`)
import { unknownV2Route } from "@/app/v2/_oip/routes";

export const dynamic = "force-dynamic";

const unknownRoute = unknownV2Route();

export const GET = unknownRoute;
export const POST = unknownRoute;
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;

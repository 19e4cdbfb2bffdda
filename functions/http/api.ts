/** The API Gateway HTTP API (payload format 2.0) event and result, as the handlers see them. */
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2WithRequestContext,
} from 'aws-lambda';

/** Routes with a JWT authorizer carry the verified claims at requestContext.authorizer.jwt.claims; public ones none. */
export type ApiEvent = APIGatewayProxyEventV2WithRequestContext<
  APIGatewayEventRequestContextV2 & { authorizer?: Partial<APIGatewayEventRequestContextJWTAuthorizer> }
>;

export interface ApiResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

export type ApiHandler = (event: ApiEvent) => Promise<ApiResult>;

import { Duration } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  CachedMethods,
  Distribution,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ADDIN_FILES } from '../../contract/addin';
import { API_BASE, type RouteDef } from '../../contract/routes';
import { privateBucket } from './private-bucket';

export interface HostingProps {
  readonly routes: readonly RouteDef[];
  /** The HTTP API's host name (no scheme), the origin of /api/*. */
  readonly apiDomainName: string;
  /** How long the edge keeps a published page or open data when the API does not say otherwise. */
  readonly publishedTtl: Duration;
  readonly production: boolean;
  readonly webAclArn?: string;
}

/**
 * The path patterns of the public API routes' first segments: CloudFront caches these briefly, keyed on the path
 * alone. Everything else under /api/ goes to the API uncached. (The route table has none now: published pages and
 * open data are static objects, infra/constructs/published-data.ts.)
 */
export function publicPathPatterns(routes: readonly RouteDef[]): string[] {
  const prefixes = routes.filter((r) => r.auth === 'public').map((r) => r.path.split('/')[1] ?? '');
  return [...new Set(prefixes)].filter(Boolean).map((p) => `${API_BASE}/${p}/*`);
}

/**
 * One CloudFront distribution in front of everything, so the add-in and the API share an origin: the built add-in
 * from a private S3 bucket (origin access control), the API under /api/*. Published pages and open data are cached
 * for a short time; the rest of the API is not cached and gets the viewer's headers (the Authorization header too).
 */
export class Hosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** https://<distribution domain>: the add-in's origin. */
  readonly baseUrl: string;
  readonly hasWebAcl: boolean;

  constructor(scope: Construct, id: string, props: HostingProps) {
    super(scope, id);

    // Only build output lives here; every deploy writes it again.
    this.bucket = privateBucket(this, 'AddinBucket', props.production);

    // Security headers without X-Frame-Options: Excel on the web shows the task pane in a frame.
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'nianbao: HSTS, nosniff, referrer policy (framing allowed for Office)',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: false },
      },
    });

    const api = new HttpOrigin(props.apiDomainName, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    const additionalBehaviors: Record<string, BehaviorOptions> = {};
    const publicPatterns = publicPathPatterns(props.routes);
    if (publicPatterns.length > 0) {
      // The path is the whole key: no query string (`?x=<random>` is a hit, never a trip to the API), cookie or header.
      const publicCache = new CachePolicy(this, 'PublishedCache', {
        comment: 'nianbao: public API answers, briefly, by path',
        minTtl: Duration.seconds(0),
        defaultTtl: props.publishedTtl,
        maxTtl: Duration.minutes(10),
        queryStringBehavior: CacheQueryStringBehavior.none(),
        cookieBehavior: CacheCookieBehavior.none(),
        headerBehavior: CacheHeaderBehavior.none(),
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      });
      for (const pattern of publicPatterns)
        additionalBehaviors[pattern] = {
          origin: api,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachedMethods: CachedMethods.CACHE_GET_HEAD_OPTIONS,
          cachePolicy: publicCache,
          responseHeadersPolicy: headers,
        };
    }
    additionalBehaviors[`${API_BASE}/*`] = {
      origin: api,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // Everything the viewer sent (Authorization included, which only an uncached behavior may forward) except
      // Host, which must name the API for API Gateway to route the request.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'nianbao add-in and API',
      defaultRootObject: ADDIN_FILES.taskpane,
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
      },
      additionalBehaviors,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    this.hasWebAcl = Boolean(props.webAclArn);
    this.baseUrl = `https://${this.distribution.distributionDomainName}`;
  }
}

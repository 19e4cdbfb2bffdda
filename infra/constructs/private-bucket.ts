import { RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * A bucket that only CloudFront reads (origin access control): public access blocked, S3-managed encryption, TLS
 * only, every object owned by the bucket owner (no ACLs). A dev stack empties and removes it; production keeps it.
 * Used for the add-in's files (hosting.ts) and the published pages and open data (published-data.ts).
 */
export function privateBucket(scope: Construct, id: string, production: boolean): Bucket {
  return new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    autoDeleteObjects: !production,
  });
}

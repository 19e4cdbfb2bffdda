/**
 * What a bearer token says about its holder: the Cognito ID-token claim names (the same on AWS and in the local
 * stack's development tokens) and the group that makes an administrator.
 */
export const CLAIMS = {
  agency: 'custom:agency',
  agencyName: 'custom:agency_name',
  /** A reviewer's office: the id of the government whose office reviews (the agencies whose office it is). */
  office: 'custom:office',
  groups: 'cognito:groups',
  username: 'cognito:username',
} as const;

export const ADMIN_GROUP = 'admins';

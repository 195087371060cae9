/** The rollout's vocabularies, shared by the database types, the schemas and the pages. */
export const PLATFORM_STATUSES = ['not_started', 'deploying', 'deployed', 'in_use'] as const;
export type PlatformStatus = (typeof PLATFORM_STATUSES)[number];

export const PLATFORM_GROUPS = ['management', 'teaching'] as const;
export type PlatformGroup = (typeof PLATFORM_GROUPS)[number];

export const ITEM_STATUSES = ['not_started', 'in_progress', 'done', 'not_applicable'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const CHECKLIST_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];

export const REVIEW_DECISIONS = ['accepted', 'returned'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const TEMPLATE_KINDS = ['model', 'dti'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export type TemplateStatus = 'draft' | 'published' | 'retired';

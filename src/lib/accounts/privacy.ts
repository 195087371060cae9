/**
 * The version of the privacy notice (messages `accounts_privacy_*`) that a guardian accepts when
 * activating an account. Change it with any change of the notice's text: the acceptance is
 * recorded with this version (`privacy_consents`), as Law 91/2025/QH15 and Decree 356/2025/NĐ-CP
 * ask the controller to be able to show what the data subject agreed to.
 */
export const PRIVACY_NOTICE_VERSION = '2026-01';

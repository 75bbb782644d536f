import { PALETTE_SIZE } from '@/lib/traces/tree';

/**
 * One colour per palette slot (lib/traces/tree.ts assigns slots by service name). Mid-tone hues
 * that read on light and dark backgrounds; red is left out so it only ever means "error".
 */
export const SERVICE_COLORS: readonly string[] = [
  '#3b82f6', '#d97706', '#10b981', '#8b5cf6', '#06b6d4', '#ec4899',
  '#65a30d', '#ea580c', '#0d9488', '#6366f1', '#c026d3', '#0284c7',
];

if (SERVICE_COLORS.length !== PALETTE_SIZE) throw new Error('SERVICE_COLORS must have PALETTE_SIZE entries');

/** The colour of palette slot `slot`. */
export const colorOfSlot = (slot: number): string => SERVICE_COLORS[slot % SERVICE_COLORS.length]!;

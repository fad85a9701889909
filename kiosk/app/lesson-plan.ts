// A lesson of the pack resolved against its scenarios and timeline: what each
// step of class mode shows. A pack without lessons still gets one: its
// scenarios in order, so a teacher's clicker always has somewhere to go.

import type { LocalText, PackManifest } from '../../content/schema/pack-types.js';

export interface LessonStepView {
  scenarioIndex: number;
  /** -1 when the step names no timeline moment. */
  timelineIndex: number;
  prompt: LocalText | null;
}

export interface LessonView {
  title: LocalText;
  steps: LessonStepView[];
}

/** The pack's first lesson with every step that resolves (unknown ids are skipped, not fatal). */
export function lessonPlan(pack: PackManifest): LessonView {
  const lesson = pack.lessons?.[0];
  const steps: LessonStepView[] = [];
  for (const step of lesson?.steps ?? []) {
    const scenarioIndex = pack.scenarios.findIndex((s) => s.id === step.scenario);
    if (scenarioIndex < 0) continue;
    const timelineIndex = step.event ? pack.timeline.findIndex((e) => e.id === step.event) : -1;
    steps.push({ scenarioIndex, timelineIndex, prompt: step.prompt ?? null });
  }
  if (steps.length > 0) return { title: lesson!.title, steps };
  return {
    title: pack.title,
    steps: pack.scenarios.map((_, scenarioIndex) => ({ scenarioIndex, timelineIndex: -1, prompt: null })),
  };
}

/**
 * How mentions are marked: density, kinds, related terms everywhere, highlight style, renderer,
 * most marks per page.
 */
import { ENTITY_KINDS } from '../dataset/schema.ts';
import { t } from '../shared/i18n.ts';
import { kindPluralLabel } from '../shared/labels.ts';
import {
  CAP_RANGE,
  type Density,
  type HighlightStyle,
  type Renderer,
  type Settings,
} from '../shared/settings.ts';
import { NumberField, Radios, Section } from './controls.tsx';

type Marking = Settings['marking'];

export function MarkingSection({
  marking,
  save,
}: {
  marking: Marking;
  save: (change: (m: Marking) => Marking) => Promise<void>;
}) {
  return (
    <Section id="marking" title={t('sectionMarking')}>
      <Radios<Density>
        name="density"
        legend={t('optDensity')}
        value={marking.density}
        onChange={(density) => void save((m) => ({ ...m, density }))}
        options={[
          { value: 'first', label: t('densityFirst') },
          { value: 'all', label: t('densityAll') },
          { value: 'off', label: t('densityOff') },
        ]}
      />
      <fieldset>
        <legend>{t('optKinds')}</legend>
        <div class="kinds">
          {ENTITY_KINDS.map((k) => (
            <label key={k} class="choice">
              <input
                type="checkbox"
                name={`kind-${k}`}
                checked={marking.kinds[k]}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  void save((m) => ({ ...m, kinds: { ...m.kinds, [k]: on } }));
                }}
              />
              {kindPluralLabel(k)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('optRelated')}</legend>
        <label class="choice">
          <input
            type="checkbox"
            name="contextEverywhere"
            checked={marking.contextEverywhere}
            onChange={(e) => {
              const on = (e.target as HTMLInputElement).checked;
              void save((m) => ({ ...m, contextEverywhere: on }));
            }}
          />
          <span>
            {t('optContextEverywhere')}
            <span class="hint">{t('optContextEverywhereHint')}</span>
          </span>
        </label>
      </fieldset>
      <Radios<HighlightStyle>
        name="style"
        legend={t('optStyle')}
        value={marking.style}
        onChange={(style) => void save((m) => ({ ...m, style }))}
        options={[
          { value: 'underline', label: t('styleUnderline') },
          { value: 'background', label: t('styleBackground') },
          { value: 'none', label: t('styleNone'), hint: t('styleNoneHint') },
        ]}
      />
      <Radios<Renderer>
        name="renderer"
        legend={t('optRenderer')}
        value={marking.renderer}
        onChange={(renderer) => void save((m) => ({ ...m, renderer }))}
        options={[
          { value: 'highlight', label: t('rendererHighlight'), hint: t('rendererHighlightHint') },
          { value: 'wrap', label: t('rendererWrap'), hint: t('rendererWrapHint') },
        ]}
      />
      <NumberField
        name="capPerPage"
        label={t('optCap')}
        value={marking.capPerPage}
        min={CAP_RANGE.min}
        max={CAP_RANGE.max}
        onSave={(capPerPage) => void save((m) => ({ ...m, capPerPage }))}
      />
    </Section>
  );
}

/**
 * Card UI entry: injected into a frame by the background on first use (never on page load), then
 * registered for the page layer through `shared/card-bridge.ts`. Everything the card needs (Preact,
 * Floating UI, the full dataset) is in this chunk, so pages that never open a card pay nothing.
 *
 * Owns: registration. Never: runs twice in a frame (a second injection keeps the first card).
 */
import dataset from 'virtual:cc-dataset';
import { registerCard, registeredCard } from '../shared/card-bridge.ts';
import { createCard } from './controller.tsx';

if (!registeredCard()) registerCard(createCard(dataset));

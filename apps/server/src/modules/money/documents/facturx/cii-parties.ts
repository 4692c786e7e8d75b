/** Seller and buyer trade parties of the CII XML (EN 16931 BG-4 and BG-7). */
import type { Buyer, PostalAddress, Seller } from '../document-model.ts';
import { el, optionalText, text, type XmlElement } from './xml-writer.ts';

function postalAddress(address: PostalAddress): XmlElement {
  const [one, two, three] = address.lines;
  return el(
    'ram:PostalTradeAddress',
    optionalText('ram:PostcodeCode', address.postcode),
    optionalText('ram:LineOne', one),
    optionalText('ram:LineTwo', two),
    optionalText('ram:LineThree', three),
    text('ram:CityName', address.city),
    text('ram:CountryID', address.countryCode),
  );
}

/**
 * BT-30, the seller's legal registration identifier. A French SIRET's first nine digits are the SIREN, which the
 * French e-invoicing rules expect with ISO 6523 scheme 0002; a foreign number goes without a scheme.
 */
function legalOrganization(seller: Seller): XmlElement {
  const digits = seller.registrationNumber.replace(/\s/g, '');
  if (seller.address.countryCode === 'FR' && /^\d{9}(\d{5})?$/.test(digits)) {
    return el('ram:SpecifiedLegalOrganization', text('ram:ID', digits.slice(0, 9), { schemeID: '0002' }));
  }
  return el('ram:SpecifiedLegalOrganization', text('ram:ID', seller.registrationNumber));
}

const vatRegistration = (vatNumber: string | undefined): XmlElement | undefined =>
  vatNumber ? el('ram:SpecifiedTaxRegistration', text('ram:ID', vatNumber, { schemeID: 'VA' })) : undefined;

export function sellerParty(seller: Seller): XmlElement {
  return el(
    'ram:SellerTradeParty',
    text('ram:Name', seller.legalName),
    legalOrganization(seller),
    postalAddress(seller.address),
    seller.email ? el('ram:URIUniversalCommunication', text('ram:URIID', seller.email, { schemeID: 'EM' })) : undefined,
    vatRegistration(seller.vatNumber),
  );
}

export function buyerParty(buyer: Buyer): XmlElement {
  return el('ram:BuyerTradeParty', text('ram:Name', buyer.name), postalAddress(buyer.address), vatRegistration(buyer.vatNumber));
}

/** BG-15 deliver-to: required for intra-community supplies (BR-IC-12), which name the buyer's country. */
export function shipToParty(buyer: Buyer): XmlElement {
  return el('ram:ShipToTradeParty', el('ram:PostalTradeAddress', text('ram:CountryID', buyer.address.countryCode)));
}

package io.wireingest.core.model;

/** One link of the agency chain: a canonical agency name and its role. */
public record AgencyCredit(String name, AgencyRole role) {}
